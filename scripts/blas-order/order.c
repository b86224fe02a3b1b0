// Which inner-dimension blocking (Q, U) reproduces OpenBLAS's dgemm bit for bit, per shape.
// Rerun when Debian's OpenBLAS changes, and update BlockedProduct.candidates
// (Sources/NNFS/Kernels/BlockedProduct.swift) with what it prints for each core type:
//
//   gcc -O2 order.c -o /tmp/blas-order -lopenblas -lm
//   for c in SkylakeX Haswell SandyBridge Prescott; do OPENBLAS_CORETYPE=$c OPENBLAS_NUM_THREADS=1 /tmp/blas-order; done
//
// A line lists every (Q, U) whose model matched all elements; an empty line means the shape goes
// through another OpenBLAS route (a small-matrix or one-column kernel) and stays on dgemm.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
static double rf(){ return (double)(float)((double)rand()/RAND_MAX*2-1);}
int Q=256,U=16;
double model(const double*A,const double*B,int M,int N,int K,int i,int j,int ta,int tb){
  double C=0.0; int ls=0;
  while(ls<K){ int min_l=K-ls; if(min_l>=2*Q) min_l=Q; else if(min_l>Q) min_l=((min_l/2+U-1)/U)*U;
    double acc=0; int first=1;
    for(int k=ls;k<ls+min_l;k++){ double a= ta? A[k*M+i]:A[i*K+k]; double b= tb? B[j*K+k]:B[k*N+j]; acc = first? a*b : fma(a,b,acc); first=0;}
    C = C + acc; ls+=min_l; }
  return C;
}
int main(int argc,char**argv){
  int sh[][5]={{3000,3,512,0,0},{512,3,3000,1,0},{2,512,3000,1,0},{3000,2,512,0,1},{128,128,784,0,0},{784,128,128,1,0},{64,64,1000,1,0},{64,1,1000,1,0},{64,3,300,1,0},{1000,1,64,0,0},{300,3,64,0,0},{128,10,128,0,0},{128,10,128,0,1},{10,128,128,1,0},{128,128,10,0,1},{784,128,128,1,0},{128,128,128,1,0},{128,784,128,0,1}};
  int Us[]={1,2,4,8,16,32}; int Qv[]={128,192,256,320,384,448,512};
  for(int s=0;s<18;s++){int M=sh[s][0],N=sh[s][1],K=sh[s][2],ta=sh[s][3],tb=sh[s][4];
   double*A=malloc(8*M*K),*B=malloc(8*K*N),*C=malloc(8*M*N);
   for(int i=0;i<M*K;i++)A[i]=rf(); for(int i=0;i<K*N;i++)B[i]=rf();
   cblas_dgemm(CblasRowMajor,ta?CblasTrans:CblasNoTrans,tb?CblasTrans:CblasNoTrans,M,N,K,1,A,ta?M:K,B,tb?K:N,0,C,N);
   printf("M=%d N=%d K=%d ta=%d tb=%d:",M,N,K,ta,tb);
   for(int q=0;q<7;q++) for(int u=0;u<6;u++){U=Us[u]; Q=Qv[q]; long bad=0; for(int i=0;i<M;i++)for(int j=0;j<N;j++){ double v=model(A,B,M,N,K,i,j,ta,tb); if(memcmp(&v,&C[i*N+j],8)) bad++;}
     if(!bad) printf(" Q%d,U%d",Q,U); }
   printf("  (of %d)\n",M*N); free(A);free(B);free(C);}
}
